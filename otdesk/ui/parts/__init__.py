"""Widgets, looks and models the screens share: the style, icons, small widgets, tab bars,
column layouts and the record table model."""

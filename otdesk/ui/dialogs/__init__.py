"""The dialogs of the File menu: clinic settings and importing clients."""

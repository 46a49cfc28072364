"""The assessment screens: a form generated from a definition, its live scores, the history,
battery, comparison and trend views of the Assessments tab."""

"""Pure clinical rules and value types. Imports nothing else of otdesk and no framework."""

"""The generic reasons a field is refused, and the reasons a client CSV import refuses a
file, its header or a row.

Each is an English ``str.format`` text with named places, marked for the catalogue (``N_``,
or ``N_plural`` when a number decides its form: that number is always ``{count}``).
``FieldError.of`` translates it into the interface language and fills it in.
"""

from __future__ import annotations

from otdesk.domain.translation import N_, N_plural

REQUIRED = N_("is required")
REQUIRED_ONE_OF = N_("is required (one of {choices})")
TOO_LONG = N_plural(
    "is {count} character long; the limit is {limit}",
    "is {count} characters long; the limit is {limit}",
)
BROKEN_CHARACTER = N_("holds a broken character (an unpaired surrogate)")
NUL = N_("holds a NUL character, which cannot be stored")
LINE_BREAK = N_("holds a line break ({code}), which is not allowed here")
CONTROL = N_("holds a control character ({code}), which is not allowed here")
INVISIBLE = N_(
    "holds an invisible formatting character ({code}), which could make it show as something "
    "else"
)
NOT_A_DATE = N_("'{value}' is not a date in the form YYYY-MM-DD")
NOT_A_DATE_OR = N_("'{value}' is not a date in the form YYYY-MM-DD or {form}")
NOT_A_DATE_NO_ORDER = N_(
    "'{value}' is not a date in the form YYYY-MM-DD (to read dates written day/month/year, "
    "set the clinic's date order in Settings)"
)
AMBIGUOUS_DATE = N_(
    "'{value}' could be read more than one way: write the year in full, as {form}"
)
NOT_A_REAL_DATE = N_("'{value}' is not a real date ({problem})")
IN_FUTURE = N_("is in the future")
TOO_OLD = N_plural("is more than {count} year ago", "is more than {count} years ago")
NOT_YES_NO = N_("'{value}' is not yes or no")
NOT_ONE_OF = N_("'{value}' is not one of {choices}")
NOT_WHOLE_NUMBER = N_("'{value}' is not a whole number")
AT_LEAST = N_("must be at least {minimum}")
AT_MOST = N_("must be at most {maximum}")
NOT_LANGUAGE = N_("'{value}' is not a language code such as en, es or pt-BR")
BEFORE = N_("is before the {other} ({date})")
MUST_BE_TEXT = N_("must be text")
MUST_BE_DATE = N_("must be a date")
UNKNOWN_FIELD = N_("is not a field of this record")
IN_USE = N_("{value} is already in use")
NO_STAFF_WITH_ID = N_("no staff member has id {id}")
STAFF_INACTIVE = N_("{name} is no longer active")

# Importing clients from a CSV file: the file as a whole ("file")...
FILE_MISSING = N_("does not exist")
FILE_IS_FOLDER = N_("is a folder, not a CSV file")
FILE_NOT_REGULAR = N_("is not a regular file (a device, a pipe or a socket cannot be imported)")
FILE_TOO_BIG = N_plural(
    "is {count} byte; the limit is {limit}", "is {count} bytes; the limit is {limit}"
)
FILE_GREW_TOO_BIG = N_("grew past the limit of {limit} bytes while it was read")
FILE_UNREADABLE = N_("cannot be read ({problem})")
FILE_NOT_UTF8 = N_("is not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')")
FILE_NOT_CSV = N_("is not valid CSV ({problem})")
FILE_EMPTY = N_("is empty: it has no header row")
FILE_NO_ROWS = N_("has no client rows")
# ...its header row (a column's name, or "header")...
COLUMN_REPEATED = N_("appears more than once in the header")
COLUMN_UNKNOWN = N_("is not a column otdesk knows (see 'otdesk import-clients --help')")
COLUMN_MISSING = N_("is a required column but the header lacks it")
COLUMN_UNNAMED = N_("column {position} has no name")
# ...and its rows ("row", or the column holding the value).
ROW_CELL_COUNT = N_plural(
    "has {count} cell but the header has {columns}",
    "has {count} cells but the header has {columns}",
)
NO_SUCH_USERNAME = N_("no staff member has the user name '{username}'")
USERNAME_INACTIVE = N_("'{username}' is no longer active")
CODE_WITHOUT_DIAGNOSIS = N_("is given without a diagnosis")
REPEATED_IN_FILE = N_("{value} already appears on line {line}")
IN_USE_IN_DATABASE = N_("{value} is already in use in the database")

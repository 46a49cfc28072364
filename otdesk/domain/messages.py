"""The English templates of the generic reasons a field is refused, and of the reasons a
client CSV import refuses a file, its header or a row.

Each is a ``str.format`` template with named places; ``FieldError.of`` fills it in for the
English sentence the command line prints and keeps the template and its values, so the
desktop can show the reason in the interface language. The desktop lists the same texts for
translation in ``otdesk/ui/field_messages.py`` (a test keeps the two lists equal).
"""

from __future__ import annotations

REQUIRED = "is required"
REQUIRED_ONE_OF = "is required (one of {choices})"
TOO_LONG = "is {length:,} characters long; the limit is {limit:,}"
BROKEN_CHARACTER = "holds a broken character (an unpaired surrogate)"
NUL = "holds a NUL character, which cannot be stored"
LINE_BREAK = "holds a line break ({code}), which is not allowed here"
CONTROL = "holds a control character ({code}), which is not allowed here"
INVISIBLE = "holds an invisible formatting character ({code}), which could make it show as " \
    "something else"
NOT_A_DATE = "'{value}' is not a date in the form YYYY-MM-DD"
NOT_A_REAL_DATE = "'{value}' is not a real date ({problem})"
IN_FUTURE = "is in the future"
TOO_OLD = "is more than {years} years ago"
NOT_YES_NO = "'{value}' is not yes or no"
NOT_ONE_OF = "'{value}' is not one of {choices}"
NOT_WHOLE_NUMBER = "'{value}' is not a whole number"
AT_LEAST = "must be at least {minimum}"
AT_MOST = "must be at most {maximum}"
NOT_LANGUAGE = "'{value}' is not a language code such as en, es or pt-BR"
BEFORE = "is before the {other} ({date})"
MUST_BE_TEXT = "must be text"
MUST_BE_DATE = "must be a date"
UNKNOWN_FIELD = "is not a field of this record"
IN_USE = "{value} is already in use"

# Importing clients from a CSV file: the file as a whole ("file")...
FILE_MISSING = "does not exist"
FILE_IS_FOLDER = "is a folder, not a CSV file"
FILE_TOO_BIG = "is {size:,} bytes; the limit is {limit:,}"
FILE_GREW_TOO_BIG = "grew past the limit of {limit:,} bytes while it was read"
FILE_NOT_REGULAR = "is not a regular file (a device, a pipe or a socket cannot be imported)"
FILE_UNREADABLE = "cannot be read ({problem})"
FILE_NOT_UTF8 = "is not UTF-8 text (save it from the spreadsheet as 'CSV UTF-8')"
FILE_NOT_CSV = "is not valid CSV ({problem})"
FILE_EMPTY = "is empty: it has no header row"
FILE_NO_ROWS = "has no client rows"
# ...its header row (a column's name, or "header")...
COLUMN_REPEATED = "appears more than once in the header"
COLUMN_UNKNOWN = "is not a column otdesk knows (see 'otdesk import-clients --help')"
COLUMN_MISSING = "is a required column but the header lacks it"
COLUMN_UNNAMED = "column {position} has no name"
# ...and its rows ("row", or the column holding the value).
ROW_CELL_COUNT_ONE = "has {cells} cell but the header has {columns}"
ROW_CELL_COUNT = "has {cells} cells but the header has {columns}"
NO_SUCH_USERNAME = "no staff member has the user name '{username}'"
USERNAME_INACTIVE = "'{username}' is no longer active"
CODE_WITHOUT_DIAGNOSIS = "is given without a diagnosis"
REPEATED_IN_FILE = "{value} already appears on line {line}"
IN_USE_IN_DATABASE = "{value} is already in use in the database"

ALL: tuple[str, ...] = (
    REQUIRED,
    REQUIRED_ONE_OF,
    TOO_LONG,
    BROKEN_CHARACTER,
    NUL,
    LINE_BREAK,
    CONTROL,
    INVISIBLE,
    NOT_A_DATE,
    NOT_A_REAL_DATE,
    IN_FUTURE,
    TOO_OLD,
    NOT_YES_NO,
    NOT_ONE_OF,
    NOT_WHOLE_NUMBER,
    AT_LEAST,
    AT_MOST,
    NOT_LANGUAGE,
    BEFORE,
    MUST_BE_TEXT,
    MUST_BE_DATE,
    UNKNOWN_FIELD,
    IN_USE,
    FILE_MISSING,
    FILE_IS_FOLDER,
    FILE_TOO_BIG,
    FILE_GREW_TOO_BIG,
    FILE_NOT_REGULAR,
    FILE_UNREADABLE,
    FILE_NOT_UTF8,
    FILE_NOT_CSV,
    FILE_EMPTY,
    FILE_NO_ROWS,
    COLUMN_REPEATED,
    COLUMN_UNKNOWN,
    COLUMN_MISSING,
    COLUMN_UNNAMED,
    ROW_CELL_COUNT_ONE,
    ROW_CELL_COUNT,
    NO_SUCH_USERNAME,
    USERNAME_INACTIVE,
    CODE_WITHOUT_DIAGNOSIS,
    REPEATED_IN_FILE,
    IN_USE_IN_DATABASE,
)

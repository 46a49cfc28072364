"""argparse's own texts ("usage:", "options", its error messages) from otdesk's catalogue.

argparse words its help and its errors through Python's ``gettext.gettext``, in the process's
text domain. The command line names otdesk's catalogue as that domain (GNU gettext's
``textdomain``), so ``otdesk --help`` and a mistyped option read in the same language as the
rest. The texts argparse shows are listed here, exactly as Python writes them, so extraction
puts them in the catalogue; a test checks each one is still argparse's.
"""

from __future__ import annotations

import gettext

from otdesk.catalogues import DOMAIN, locale_dir
from otdesk.domain.translation import N_

ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def use_catalogue_for_argparse() -> None:
    """Make otdesk's catalogue the process's text domain, where argparse finds its texts (in
    the language the environment asks for, as the rest of the command line)."""
    gettext.bindtextdomain(DOMAIN, str(locale_dir()))
    gettext.textdomain(DOMAIN)

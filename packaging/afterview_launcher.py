"""PyInstaller's entry script: the bundle's ``afterview`` executable starts here.

A separate file because PyInstaller runs its script as ``__main__``, which would
break the package-relative imports of ``desktop_app/__main__.py`` itself.
"""

import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

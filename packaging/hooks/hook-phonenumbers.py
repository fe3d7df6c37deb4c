"""PyInstaller hook for phonenumbers, replacing the contributed one for Afterview.

The contributed hook bundles every submodule, ~45 MB of it geocoding, carrier and
time-zone tables that Afterview never uses (it only validates and formats numbers).
This one bundles the number metadata that ``phonenumbers.parse`` loads by name.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.geodata", "phonenumbers.geocoder", "phonenumbers.carrier",
          "phonenumbers.tzdata", "phonenumbers.timezone")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not name.startswith(UNUSED)
)

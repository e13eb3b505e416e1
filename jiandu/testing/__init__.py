"""Test support shared by every app's tests: a small named world of units and personas
(``world``), and the headless-Chromium harness (``browser``)."""

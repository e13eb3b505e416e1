"""Pages of the personnel app: thin views over the same services and selectors as the API."""

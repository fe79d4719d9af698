"""The clinic's side: pre-screening records (FHIR), their store, the front desk."""

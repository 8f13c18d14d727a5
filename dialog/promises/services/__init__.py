"""Promise services: promises, activities, updates, approvals and the SMART check."""

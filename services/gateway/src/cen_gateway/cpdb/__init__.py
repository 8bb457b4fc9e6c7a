"""The Concealment Picture Database in the gateway: its file routes, its pages and their OpenAPI fragment."""

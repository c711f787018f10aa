"""What every domain repeats, written once: GraphQL mutation builders and input fields that
carry access rules. The domains import it; it imports the platform and the toolkit."""

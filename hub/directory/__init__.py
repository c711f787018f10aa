"""The organisation directory: the organisations the network works with and their contact
people, each registered in one tenant and linked from every tenant that may see it."""

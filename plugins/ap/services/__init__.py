"""Domain logic of accounts payable: no Flask imports, one concept per module."""

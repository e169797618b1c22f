"""Column types and status names shared by the AP tables."""

from sqlalchemy import Numeric

MONEY = Numeric(18, 2)
PRECISE = Numeric(18, 6)  # quantities and unit prices: EN 16931 rounds only the line net
RATE = Numeric(9, 4)  # VAT rates and tolerance percentages

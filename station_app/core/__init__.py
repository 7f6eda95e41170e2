"""The station's domain: one module per service plus people, operators, cash and the event chain.

Pure Python: nothing here imports PySide6.
"""

"""kam_xl — key-account management (大客户管理) scoring for Excel users."""

__version__ = "0.1.0"

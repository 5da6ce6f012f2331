"""What tests share: imported as `from tests.helpers.X import Y`, never from conftest or a test module."""

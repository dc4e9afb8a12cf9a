"""Staff accounts: login, logout, idle timeout, password policy, department scoping."""

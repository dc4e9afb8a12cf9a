"""Password policy after NIST SP 800-63B: length and no common passwords, no composition rules.

zxcvbn (Dropbox's estimator, with its 30,000 most common passwords and pattern detection)
judges "common"; German words it does not know are passed as user inputs.
"""

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: "safely unguessable" for online attacks
ESTIMATE_CHARS = 72  # zxcvbn refuses longer input (ValueError); the first 72 decide anyway
_GERMAN_COMMON = [
    "passwort",
    "kennwort",
    "geheim",
    "hallo",
    "herne",
    "stadt",
    "mentoring",
    "sommer",
    "winter",
    "fussball",
    "schalke",
    "dortmund",
    "bochum",
    "ruhrpott",
    "glueckauf",
]


def password_problem(password: str, *, user_inputs: list[str] = ()) -> str | None:
    """Return why a password is refused (German), or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return f"Das Passwort muss mindestens {MIN_LENGTH} Zeichen lang sein."
    if len(password) > 256:
        return "Das Passwort darf höchstens 256 Zeichen lang sein."
    result = zxcvbn(password[:ESTIMATE_CHARS], user_inputs=[*_GERMAN_COMMON, *user_inputs])
    if result["score"] < MIN_SCORE:
        return (
            "Dieses Passwort ist zu leicht zu erraten. Nehmen Sie zum Beispiel mehrere Wörter, "
            "die nichts miteinander zu tun haben."
        )
    return None

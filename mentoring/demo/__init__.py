"""Demo and synthetic data: fictional people of Herne for demonstrations and load tests.

Two layers:

* pure generators: a `Reference` snapshot (`reference.py`: active programmes, places, postal
  codes, tags, languages) and `generate(...)` (`generate.py`, drawing people in `volunteers.py`
  and `requests.py` from the tables in `profiles.py`), which turns a seed into plain dicts. No
  database is involved, so tests can compare two runs directly.
* `load_demo` (`loader.py`), which takes the snapshot from the database, generates, and stores
  everything with bulk inserts (`store.py`) in one transaction (a failure leaves nothing
  half-written), together with the demo staff account (`staff.py`).

Only `random.Random(seed)` is used: the same seed, reference data and date give the same people
in the same order (names, references, e-mail numbers, ...). Ages are drawn as ages and turned into
birth years against today's date, so every request fits its programme on whatever day it is
loaded; names and references do not depend on the date.

Everybody speaks German except the families asking for a language guide (Sprachlots*innen):
their requests list only their own languages, so the shared-language rule has to find a
volunteer who speaks one of them.

All people are invented. E-mail addresses use the reserved domain example.org; the phone numbers
look like Herne numbers (02323) but are random.
"""

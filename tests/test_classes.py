"""darklint.classes.dataclass behaves as dataclasses.dataclass for every option darklint uses."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys

import msgspec
import pytest

from darklint import classes


def twins(**options: object) -> tuple[type, type]:
    """The same class declared with the standard decorator and with darklint's."""

    def declare(decorator):
        @decorator(**options)
        class Item:
            """An item."""

            name: str
            count: int = 0
            tags: tuple[str, ...] = ()
            seen: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)
            note: str | None = dataclasses.field(default=None, repr=False)
            made: list[int] = dataclasses.field(default_factory=list, init=False, compare=False)

            def total(self) -> int:
                return self.count * 2

        return Item

    return declare(dataclasses.dataclass), declare(classes.dataclass)


@classes.dataclass(frozen=True, order=True)
class Stored:
    """Declared at module level, so pickle can find it."""

    name: str
    count: int = 0
    seen: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)


OPTIONS = [{}, {"frozen": True}, {"frozen": True, "order": True}, {"eq": False}]


@pytest.mark.parametrize("options", OPTIONS)
def test_same_behaviour_as_the_standard_decorator(options):
    standard, lean = twins(**options)
    values = [("a", 2, ("x",)), ("a", 2, ("x",)), ("b", 1, ()), ("a", 3, ("y", "z"))]
    plain = [standard(*v) for v in values]
    ours = [lean(*v) for v in values]
    assert [repr(o) for o in ours] == [repr(o).replace(standard.__qualname__, lean.__qualname__)
                                       for o in plain]  # fmt: skip
    assert [[a == b for b in ours] for a in ours] == [[a == b for b in plain] for a in plain]
    assert ours[0] != plain[0] and ours[0] != ("a", 2, ("x",))
    assert (standard.__hash__ is None) == (lean.__hash__ is None)
    if standard.__hash__ is not None and options.get("frozen"):
        assert [hash(o) for o in ours] == [hash(o) for o in plain]
    if options.get("order"):
        assert sorted(ours) == [ours[i] for i in sorted(range(4), key=lambda i: plain[i])]
        assert [ours[0] < o for o in ours] == [plain[0] < o for o in plain]
        assert [ours[0] >= o for o in ours] == [plain[0] >= o for o in plain]
    else:
        with pytest.raises(TypeError):
            ours[0] < ours[1]  # noqa: B015
    assert ours[0].made == [] and ours[0].seen == {} and ours[0].seen is not ours[1].seen
    assert lean("n", seen={"k": 1}).seen == {"k": 1}
    assert lean.__dataclass_params__.frozen == standard.__dataclass_params__.frozen
    assert [f.name for f in dataclasses.fields(lean)] == [
        f.name for f in dataclasses.fields(standard)
    ]
    assert lean.__match_args__ == standard.__match_args__
    assert lean.__doc__ == "An item." and ours[3].total() == 6


@pytest.mark.parametrize("options", OPTIONS)
def test_copies_and_msgspec(options):
    _, lean = twins(**options)
    item = lean("a", 2, ("x",), seen={"k": 1}, note="n")
    changed = dataclasses.replace(item, count=5)
    assert changed.count == 5 and changed.name == "a" and changed.note == "n"
    assert copy.deepcopy(item).__dict__ == item.__dict__
    assert dataclasses.asdict(item)["tags"] == ("x",)
    decoded = msgspec.msgpack.decode(msgspec.msgpack.encode(item), type=lean)
    assert decoded.__dict__ == item.__dict__


def test_pickled_across_processes():
    item = Stored("a", 2, {"k": 1})
    back = pickle.loads(pickle.dumps(item))
    assert back == item and back.seen == {"k": 1} and hash(back) == hash(("a", 2))


def test_frozen_refuses_changes():
    _, lean = twins(frozen=True)
    item = lean("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.name = "b"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del item.count


def test_arguments_are_checked_as_by_the_standard_init():
    standard, lean = twins()
    for args, kwargs in [((), {}), (("a", 1, (), {}, None, "extra"), {}), (("a",), {"wrong": 1})]:
        with pytest.raises(TypeError):
            standard(*args, **kwargs)
        with pytest.raises(TypeError):
            lean(*args, **kwargs)
    with pytest.raises(TypeError):
        lean("a", made=[1])  # not an init field


def test_options_it_does_not_implement_go_to_the_standard_decorator():
    @classes.dataclass(slots=True)
    class Slotted:
        x: int

    assert Slotted.__slots__ == ("x",) and Slotted(1) == Slotted(1)


def test_importing_the_model_compiles_no_code():
    """The start-up cost this module exists for: no ``exec`` while the model is imported."""
    probe = (
        "import builtins, dataclasses, typing\n"
        "calls = []\n"
        "original = builtins.exec\n"
        "def counted(code, *args, **kwargs):\n"
        "    if isinstance(code, str):\n"
        "        calls.append(code.split('(')[0])\n"
        "    return original(code, *args, **kwargs)\n"
        "builtins.exec = counted\n"
        "import darklint.model\n"
        "print(calls)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # Only NOWHERE's class is built at import, so only its __init__ is compiled.
    assert done.stdout.strip() == "['def __init__']"

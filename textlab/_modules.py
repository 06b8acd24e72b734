"""Modules that can be called like their main function (``textlab.clean``, ``textlab.evaluate``).

``textlab.clean(raw)`` and ``textlab.evaluate(pages)`` are the everyday calls, and
``import textlab.clean as m`` must still give the module (``import a.b as m`` takes the
attribute ``b`` of ``a``, so a function of the same name re-exported by the package would
shadow the module). The package therefore exports the *modules*, made callable: calling one
calls the function of the same name, with the same signature and docstring for ``help``.
"""

from __future__ import annotations

import inspect
import sys
import types

__all__ = ["make_callable"]


class CallableModule(types.ModuleType):
    """A module whose call is its function of the same name (``module.<last name part>``)."""

    def __call__(self, *args, **kwargs):
        return getattr(self, self.__name__.rpartition(".")[2])(*args, **kwargs)


def make_callable(name: str) -> types.ModuleType:
    """Make the imported module ``name`` callable (see the module docstring) and return it.

    Examples
    --------
    >>> import textlab, textlab.evaluate as m
    >>> m is textlab.evaluate and callable(m) and str(inspect.signature(m))[:6]
    '(pages'
    """
    module = sys.modules[name]
    func = getattr(module, name.rpartition(".")[2])
    if not callable(func):
        raise TypeError(f"name={name!r}: the module has no function {func!r} to call")
    module.__class__ = CallableModule
    module.__signature__ = inspect.signature(func)  # what help() and IDEs show for a call
    return module

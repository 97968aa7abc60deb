"""Disjoint sets (union-find): which items end up connected, for readers that join words into
columns or ruling lines into tables pair by pair."""

from __future__ import annotations


class DisjointSets:
    """Items ``0 … size-1``, each alone until joined."""

    __slots__ = ("_parent",)

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, item: int) -> int:
        """The representative of the item's set (paths halved on the way: later calls are shorter)."""
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        """Put ``a``'s set and ``b``'s together."""
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self._parent[ra] = rb

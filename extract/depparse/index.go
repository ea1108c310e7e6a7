package depparse

import "slices"

// The trained tables are open-addressing hash tables over the feature keys
// (never 0, as every template number is), probed linearly: one cache line
// per feature instead of a map lookup and a weight row apart.

func slotHash(k uint64) uint64 {
	k ^= k >> 31
	k *= 0x9e3779b97f4a7c15
	return k ^ k>>29
}

// tableSize is a power of two at most 70% full with n keys.
func tableSize(n int) int {
	size := 16
	for size*7 < n*10 {
		size *= 2
	}
	return size
}

// actSlot is a feature's transition weights.
type actSlot struct {
	key uint64
	w   [nActions]int16 // quantised; the scale does not change the best transition
}

type actTable struct {
	slots []actSlot
	n     int
}

func newActTable(n int) actTable { return actTable{slots: make([]actSlot, tableSize(n))} }

func (t *actTable) put(k uint64, w [nActions]int16) {
	mask := uint64(len(t.slots) - 1)
	for i := slotHash(k) & mask; ; i = (i + 1) & mask {
		if t.slots[i].key == 0 || t.slots[i].key == k {
			if t.slots[i].key == 0 {
				t.n++
			}
			t.slots[i] = actSlot{key: k, w: w}
			return
		}
	}
}

func (t *actTable) get(k uint64) *actSlot {
	if len(t.slots) == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := slotHash(k) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s
		}
		if s.key == 0 {
			return nil
		}
	}
}

// sorted returns the slots in key order.
func (t *actTable) sorted() []actSlot {
	out := make([]actSlot, 0, t.n)
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b actSlot) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return out
}

// rowSlot locates a sparse row: classes cls[lo:hi] of a sparseTable.
type rowSlot struct {
	key    uint64
	lo, hi int32
}

type rowIndex struct {
	slots []rowSlot
	n     int
}

func newRowIndex(n int) rowIndex { return rowIndex{slots: make([]rowSlot, tableSize(n))} }

func (t *rowIndex) put(k uint64, lo, hi int32) {
	mask := uint64(len(t.slots) - 1)
	for i := slotHash(k) & mask; ; i = (i + 1) & mask {
		if t.slots[i].key == 0 || t.slots[i].key == k {
			if t.slots[i].key == 0 {
				t.n++
			}
			t.slots[i] = rowSlot{key: k, lo: lo, hi: hi}
			return
		}
	}
}

func (t *rowIndex) get(k uint64) *rowSlot {
	if len(t.slots) == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := slotHash(k) & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return s
		}
		if s.key == 0 {
			return nil
		}
	}
}

func (t *rowIndex) sorted() []rowSlot {
	out := make([]rowSlot, 0, t.n)
	for _, s := range t.slots {
		if s.key != 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b rowSlot) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
	return out
}

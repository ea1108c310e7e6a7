package depparse

import (
	"runtime"
	"testing"
	"time"
)

func TestDefaultLoad(t *testing.T) {
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("loaded in %s, heap %.1f MB, %d features", elapsed.Round(time.Millisecond), float64(after.HeapAlloc-before.HeapAlloc)/1e6, m.numFeatures())
	if m2, _ := Default(); m2 != m {
		t.Error("Default loaded twice")
	}
}

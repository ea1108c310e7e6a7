package depparse

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time of the calling OS thread (the benchmark
// locks its goroutine to one), so sentences per CPU-second can be reported
// on a machine other work is loading.
func threadCPU() (time.Duration, bool) {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}

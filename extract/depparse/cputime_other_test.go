//go:build !linux

package depparse

import "time"

func threadCPU() (time.Duration, bool) { return 0, false }

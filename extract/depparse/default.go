package depparse

import (
	_ "embed"
	"sync"
)

// defaultModel is the model trained by internal/cmd/train-parser on UD
// English EWT with prose's tags (model/README.md).
//
//go:embed model/en_ewt.parser.gz
var defaultModel []byte

var (
	defaultOnce sync.Once
	defaultM    *Model
	defaultErr  error
)

// Default returns the embedded English model, loading it on the first call.
// The model is shared: it is safe for concurrent use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultM, defaultErr = loadBytes(defaultModel)
	})
	return defaultM, defaultErr
}

package tlsca

import (
	"fmt"
	"os"
	"path/filepath"
)

// file is one file to write into the data folder.
type file struct {
	name string
	data []byte
	perm os.FileMode
}

// writeFiles writes files into dir in order, each atomically (a temporary
// file renamed into place), so that a crash or a second okmock reading the
// folder never sees half a key. Keys go first: a certificate on disk then
// always has its key.
func writeFiles(dir string, files ...file) error {
	// The folder is readable by all: other containers read ca.pem from it.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tlsca: data folder: %w", err)
	}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(dir, f.name), f.data, f.perm); err != nil {
			return fmt.Errorf("tlsca: %w", err)
		}
	}
	return nil
}

func writeAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

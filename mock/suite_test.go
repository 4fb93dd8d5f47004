package mock

import (
	"testing"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// TestMockSpecs runs the package's Ginkgo specs (the OAuth security
// checklist among them) next to its plain Go tests. Ginkgo allows one
// RunSpecs per package, so every Ginkgo spec of package mock lives under
// this one suite.
func TestMockSpecs(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "mock")
}

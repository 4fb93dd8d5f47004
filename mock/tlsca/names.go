package tlsca

import (
	"fmt"
	"net"
	"slices"
	"strings"
)

// normalizeNames lower-cases, trims and de-duplicates names, keeping their
// order, and refuses what cannot go in a certificate.
func normalizeNames(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, n := range in {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if ip := net.ParseIP(n); ip != nil {
			n = ip.String()
		} else if !validDNSName(n) {
			return nil, fmt.Errorf("tlsca: %q is neither a host name nor an IP address", n)
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

// validDNSName accepts letters, digits, hyphens and dots, with an optional
// leading "*." wildcard label.
func validDNSName(n string) bool {
	n = strings.TrimPrefix(n, "*.")
	if n == "" || len(n) > 253 {
		return false
	}
	for _, label := range strings.Split(n, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// splitNames separates DNS names from IP addresses, as a certificate's
// subject alternative names do.
func splitNames(names []string) (dns []string, ips []net.IP) {
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			ips = append(ips, ip)
		} else {
			dns = append(dns, n)
		}
	}
	return dns, ips
}

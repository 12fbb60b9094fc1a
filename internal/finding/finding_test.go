package finding

import (
	"slices"
	"testing"
)

func TestSortCategoriesIsNumeric(t *testing.T) {
	got := SortCategories([]Category{NHI10, NHI7, NHI2, NHI7, NHI4})
	if want := []Category{NHI2, NHI4, NHI7, NHI10}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestPreviewShowsAtMostFourCharacters(t *testing.T) {
	for secret, want := range map[string]string{
		"ghp_0123456789abcdefghijABCDEFGHIJ012345": "ghp_…",
		"short":              "s…",
		"12345678":           "12…",
		"élan-vital-key":     "éla…",
		"\x1b[31mxxxxxxxxxx": "?[3…",
	} {
		if got := Preview(secret); got != want {
			t.Errorf("Preview(%q) = %q, want %q", secret, got, want)
		}
	}
}

func TestFingerprintsAreStableAndDistinct(t *testing.T) {
	a, b := Fingerprint("rule", "secret"), Fingerprint("rule", "secret")
	if a != b || len(a) != 32 {
		t.Errorf("fingerprint %q not stable or not 32 hex digits", a)
	}
	if Fingerprint("other", "secret") == a || Fingerprint("rule", "secret2") == a || SecretHash("secret") == a {
		t.Error("fingerprints collide across rules, secrets or domains")
	}
}

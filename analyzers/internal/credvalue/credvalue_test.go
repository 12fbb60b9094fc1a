package credvalue

import "testing"

func TestKind(t *testing.T) {
	for name, want := range map[string]string{
		"AWS_ACCESS_KEY_ID": "key", "API_KEY": "key", "deploy-token": "key", "DB_PASSWORD": "password",
		"POSTGRES_PASSWORD": "", "STRIPE_PUBLISHABLE_KEY": "", "SORT_KEY": "", "REGION": "",
	} {
		if got := Kind(name); got != want {
			t.Errorf("Kind(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestLiteral(t *testing.T) {
	keyLike := "Zq8Lm4Np6R" + "s1Tv3Wy5Ab" // assembled so the self-scan sees no key
	tests := []struct {
		kind, value string
		want        bool
	}{
		{"key", keyLike, true},
		{"key", "$DEPLOY_TOKEN", false},
		{"key", "${{ secrets.TOKEN }}", false},
		{"key", "your-api-key-here-please", false},
		{"key", "https://vault.example/v1/secret", false},
		{"key", "short1A", false},
		{"password", "Tr0ub4dor&3", true},
		{"password", "password", false},
		{"", keyLike, false},
	}
	for _, tt := range tests {
		if got := Literal(tt.kind, tt.value); got != tt.want {
			t.Errorf("Literal(%q, %q) = %v, want %v", tt.kind, tt.value, got, tt.want)
		}
	}
}

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
	tests := []struct {
		kind, value string
		want        bool
	}{
		{"key", "Zq8Lm4Np6Rs1Tv3Wy5Ab", true},
		{"key", "$DEPLOY_TOKEN", false},
		{"key", "${{ secrets.TOKEN }}", false},
		{"key", "your-api-key-here-please", false},
		{"key", "https://vault.example/v1/secret", false},
		{"key", "short1A", false},
		{"password", "Tr0ub4dor&3", true},
		{"password", "password", false},
		{"", "Zq8Lm4Np6Rs1Tv3Wy5Ab", false},
	}
	for _, tt := range tests {
		if got := Literal(tt.kind, tt.value); got != tt.want {
			t.Errorf("Literal(%q, %q) = %v, want %v", tt.kind, tt.value, got, tt.want)
		}
	}
}

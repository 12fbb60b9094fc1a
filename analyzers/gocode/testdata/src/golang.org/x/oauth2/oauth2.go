// Package oauth2 is a test stub of golang.org/x/oauth2.
package oauth2

type Endpoint struct{ AuthURL, TokenURL string }

type Config struct {
	ClientID     string
	ClientSecret string
	Endpoint     Endpoint
	RedirectURL  string
	Scopes       []string
}

type Token struct{ AccessToken string }

type TokenSource interface{ Token() (*Token, error) }

package main

import (
	"github.com/openai/openai-go"
	"github.com/openai/openai-go/option"
)

func main() {
	_ = openai.NewClient(option.WithAPIKey("{{fake:generic:6}}"))
}

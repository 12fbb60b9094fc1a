package main

import (
	"os"

	"github.com/openai/openai-go"
	"github.com/openai/openai-go/option"
)

func main() {
	_ = openai.NewClient(option.WithAPIKey(os.Getenv("OPENAI_API_KEY")))
}

package source

import (
	"context"
	"slices"
)

// Multi returns a Source that walks sources one after the other, in order,
// stopping at the first error.
func Multi(sources ...Source) Source {
	return multi(slices.Clone(sources))
}

type multi []Source

func (m multi) Walk(ctx context.Context, emit func(Item) error, skip func(Skip)) error {
	for _, s := range m {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Walk(ctx, emit, skip); err != nil {
			return err
		}
	}
	return nil
}

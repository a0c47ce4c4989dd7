"""Demo content: the association's structure and case studies, built the way editors build them."""

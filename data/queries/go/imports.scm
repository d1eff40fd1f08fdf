; Import specs, single or in a block, named, dot or blank.
(import_spec
  path: [(interpreted_string_literal) (raw_string_literal)] @import.source)

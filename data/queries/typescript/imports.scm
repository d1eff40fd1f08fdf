; inherits: javascript
; TypeScript (and TSX) share the JavaScript patterns above; only TypeScript-specific shapes follow.

; import fs = require('fs')
(import_require_clause
  source: (string) @import.source)

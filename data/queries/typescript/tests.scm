; inherits: javascript
; TypeScript (and TSX) use the JavaScript patterns unchanged.

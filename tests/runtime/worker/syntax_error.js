// syntax_error.js — fails to parse: the worker reports a SyntaxError.
let x = ;

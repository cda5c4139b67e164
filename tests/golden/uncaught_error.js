// exit status: 1
// An uncaught error ends the script: its stack (name: message, then
// file:line:column) goes to stderr after a blank line, and the status is 1.
print("before the error");
var value = 42;
if (value > 1)
    throw new TypeError("value " + value + " is out of range");
print("never printed");

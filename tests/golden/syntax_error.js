// exit status: 1
// A syntax error stops the script before any of it runs.
print("not printed: the script does not compile");
var total = 1 +;

// args: one two 3
// scriptArgs holds the script name and the arguments after it, as strings.
print(scriptArgs);
print(scriptArgs.length, typeof scriptArgs[3]);

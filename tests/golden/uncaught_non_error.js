// exit status: 1
// a thrown non-Error value prints with its inspect() form
print("before");
throw {code: 7, list: ["a"]};

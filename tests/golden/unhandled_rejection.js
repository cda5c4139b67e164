// exit status: 1
// A promise rejected with no handler by the time the job queue is empty is
// reported as "Uncaught (in promise)" with the reason's stack, status 1; a
// rejection handled later in the same run is not.
var handledLate = Promise.reject(new Error("handled after the rejection"));
handledLate.catch(function (e) {
    print("caught:", e.message);
});

async function fetchData() {
    await null;
    throw new RangeError("no data");
}

fetchData();
print("synchronous code done");

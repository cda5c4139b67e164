setTimeout(() => print("worker: after its timer"), 30);

"""scikit-learn peers for `pnpm bench`: the same encoded 70/30 split, three learners, test AUC.

Reads one JSON object on stdin: {"train": path, "test": path, "categorical": [bool, ...], "seed": n}
where each path is a CSV of encoded features (blank = missing) with the 0/1 label last. Prints one
JSON object: {learner: {"auc": x, "train_ms": y}}. Debian's python3-sklearn (1.2) is enough.
"""
import json
import sys
import time

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def load(path):
    data = np.genfromtxt(path, delimiter=",", missing_values="", filling_values=np.nan)
    return data[:, :-1], data[:, -1].astype(int)


def main():
    job = json.load(sys.stdin)
    x_train, y_train = load(job["train"])
    x_test, y_test = load(job["test"])
    categorical = np.array(job["categorical"], dtype=bool)
    seed = job["seed"]
    numeric = [k for k, flag in enumerate(categorical) if not flag]
    categories = [k for k, flag in enumerate(categorical) if flag]
    learners = {
        # The original design's forest: 100 trees of depth 10, sqrt(features) per split.
        "random_forest": make_pipeline(
            SimpleImputer(strategy="median"),
            RandomForestClassifier(n_estimators=100, max_depth=10, max_features="sqrt", random_state=seed, n_jobs=1),
        ),
        "hist_gradient_boosting": HistGradientBoostingClassifier(
            categorical_features=categorical if categorical.any() else None, random_state=seed
        ),
        "logistic": make_pipeline(
            ColumnTransformer(
                [
                    ("numeric", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), numeric),
                    (
                        "categorical",
                        make_pipeline(
                            SimpleImputer(strategy="constant", fill_value=-1),
                            OneHotEncoder(handle_unknown="ignore"),
                        ),
                        categories,
                    ),
                ]
            ),
            LogisticRegression(max_iter=2000),
        ),
    }
    results = {}
    for name, learner in learners.items():
        started = time.process_time()
        learner.fit(x_train, y_train)
        train_ms = (time.process_time() - started) * 1000
        results[name] = {"auc": roc_auc_score(y_test, learner.predict_proba(x_test)[:, 1]), "train_ms": train_ms}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()

import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Probes, WebService, WebServiceProps, Worker } from '../lib';
import { ScenarioChart } from './scenario-chart';

const TAG = '1.20.1';
const PORT = 9080;

/** The reviews app's settings, shared by its three versions. */
function reviews(version: string) {
  return {
    image: `docker.io/istio/examples-bookinfo-reviews-${version}:${TAG}`,
    workloadName: `reviews-${version}`,
    selector: { app: 'reviews', version },
    containerName: 'reviews',
    imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
    env: { LOG_DIR: '/tmp/logs' },
    // Open Liberty writes its logs and its output directory, as upstream's emptyDirs say
    writablePaths: ['/tmp', '/opt/ibm/wlp/output'],
    // a JVM application server does not start in the 256Mi default
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1000) },
      memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
    },
    partOf: 'bookinfo',
  };
}

/**
 * The Istio Bookinfo sample (`samples/bookinfo/platform/kube/bookinfo.yaml`, release 1.20.1)
 * with kubecraft's patterns, adopting the objects upstream installs: every Deployment keeps
 * its name (`details-v1`, ...) and its immutable selector (`app`, `version`), every Service
 * its name and selector (`app`), every pod its ServiceAccount (`bookinfo-<app>`), so
 * `kubectl apply` takes over a running Bookinfo without deleting anything.
 *
 * productpage, details, ratings and reviews-v1 are `WebService`s (a Deployment, a Service, a
 * PodDisruptionBudget); reviews-v2 and -v3 are `Worker`s (Deployments without a Service of
 * their own) whose pods the `reviews` Service selects by `app: reviews`.
 *
 * Intended differences from upstream are listed in `test/examples/bookinfo.test.ts`.
 */
export class BookinfoChart extends ScenarioChart {
  public readonly details: WebService;
  public readonly ratings: WebService;
  public readonly reviews: WebService;
  public readonly reviewsV2: Worker;
  public readonly reviewsV3: Worker;
  public readonly productpage: WebService;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'bookinfo' });
    const app = (name: string): Partial<WebServiceProps> => ({
      workloadName: `${name}-v1`,
      selector: { app: name, version: 'v1' },
      serviceSelector: { app: name },
      serviceAccount: { name: `bookinfo-${name}` },
      containerName: name,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      port: PORT,
      servicePort: PORT,
      replicas: 1,
      healthPath: '/health',
      partOf: 'bookinfo',
    });

    this.details = new WebService(this, 'details', {
      ...app('details'),
      image: `docker.io/istio/examples-bookinfo-details-v1:${TAG}`,
      user: 1000, // the image's own USER
    });
    this.ratings = new WebService(this, 'ratings', {
      ...app('ratings'),
      image: `docker.io/istio/examples-bookinfo-ratings-v1:${TAG}`,
      user: 1000, // node's own user in the node image
    });

    this.reviews = new WebService(this, 'reviews', {
      ...app('reviews'),
      ...reviews('v1'),
      user: 1001, // Liberty's default user
    });
    const workerProbes = {
      ports: [{ name: 'http', port: PORT }],
      liveness: Probes.httpGet('/health', {
        port: 'http',
        initialDelaySeconds: Duration.seconds(10),
        periodSeconds: Duration.seconds(10),
      }),
      readiness: Probes.httpGet('/health', { port: 'http', periodSeconds: Duration.seconds(5) }),
      serviceAccount: { name: 'bookinfo-reviews', create: false },
      user: 1001,
    };
    this.reviewsV2 = new Worker(this, 'reviews-v2', { ...reviews('v2'), ...workerProbes, component: 'web' });
    this.reviewsV3 = new Worker(this, 'reviews-v3', { ...reviews('v3'), ...workerProbes, component: 'web' });
    this.reviews.connectTo(this.ratings);
    this.reviewsV2.connectTo(this.ratings);
    this.reviewsV3.connectTo(this.ratings);

    this.productpage = new WebService(this, 'productpage', {
      ...app('productpage'),
      image: `docker.io/istio/examples-bookinfo-productpage-v1:${TAG}`,
      user: 1000,
      podAnnotations: {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(PORT),
        'prometheus.io/path': '/metrics',
      },
    });
    this.productpage.connectTo(this.details);
    this.productpage.connectTo(this.reviews);
  }
}

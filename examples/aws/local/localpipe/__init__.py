"""The seed pipeline of examples/aws on loopback, with no AWS account.

moto stands in for the AWS APIs; every function is the real `bootstrap` under the Lambda
Runtime Interface Emulator; this package does what AWS does and moto does not for a
custom runtime (event source mappings, S3/SNS -> Lambda, API Gateway, Lambda Invoke
routing, the AppConfig Lambda extension). Test tooling only: the functions are the product.
"""
